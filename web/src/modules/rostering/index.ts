export { MyShiftsPage } from './my-shifts-page';
export { RosteringPage } from './rostering-page';
