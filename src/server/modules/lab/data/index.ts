export { registerLabData, RESET_WORDS } from './routes.js';
