export { PatientsPage } from './patients-page';
