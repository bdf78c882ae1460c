export { LabReportButton, type LabStudent } from './LabReportButton.js';
