export const TEST_PASSWORD = 'test-Passw0rd!';
