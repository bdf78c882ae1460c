import { notifications, type NotificationData } from '@mantine/notifications';

/** The band at the top of the window toasts live in: dialogs open below it (theme.ts), so a toast never covers a dialog. */
export const TOAST_BAND_PX = 72;

/**
 * A short confirmation ("Saved “ACME”"). One at a time, over the app header, and clicks pass
 * through it (App.tsx): a student who saves and at once clicks the next dialog's Save record
 * reaches the button, never a toast (issue 10). Every toast goes through here.
 */
export function notify(n: Omit<NotificationData, 'withCloseButton'>): void {
  notifications.clean();
  notifications.show({ ...n, withCloseButton: false });
}
