export async function seedEncounters() {}
