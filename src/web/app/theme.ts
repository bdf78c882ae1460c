import { createTheme, Modal } from '@mantine/core';
import { TOAST_BAND_PX } from '../core/notify.js';

/** Calm defaults; the font stack lists CJK faces so Korean and Chinese render with real fonts where installed. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  headings: { fontWeight: '600' },
  components: {
    // Dialogs open below the toast band, so a confirmation never covers a dialog's title or buttons.
    Modal: Modal.extend({ defaultProps: { yOffset: TOAST_BAND_PX } }),
  },
});
