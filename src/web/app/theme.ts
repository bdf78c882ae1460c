import { createTheme } from '@mantine/core';

/** Calm defaults; the font stack lists CJK faces so Korean and Chinese render with real fonts where installed. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  headings: { fontWeight: '600' },
});
