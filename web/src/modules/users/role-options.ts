import { roleLabels, roles } from '@clinicops/contracts';

export const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));
