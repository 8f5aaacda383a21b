import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapConfig } from '../src/modules/config/map-config.js';
import { testApp, type TestApp } from './harness.js';

const KEY = '0123456789abcdef0123456789abcdef';

describe('map configuration (TIANDITU_KEY)', () => {
  let plain: TestApp;
  let keyed: TestApp;
  beforeAll(async () => {
    delete process.env.TIANDITU_KEY;
    plain = await testApp();
    process.env.TIANDITU_KEY = KEY;
    try {
      keyed = await testApp();
    } finally {
      delete process.env.TIANDITU_KEY;
    }
  });
  afterAll(async () => {
    await plain?.close();
    await keyed?.close();
  });

  it('hands the key to logged-in readers only when it is set', async () => {
    const cookie = await plain.login('kelan.leader');
    expect((await plain.app.inject({ url: '/api/config/map', headers: { cookie } })).json()).toEqual({ tiandituKey: null });
    const k = await keyed.login('kelan.cadre');
    expect((await keyed.app.inject({ url: '/api/config/map', headers: { cookie: k } })).json()).toEqual({ tiandituKey: KEY });
    expect((await keyed.app.inject({ url: '/api/config/map' })).statusCode).toBe(401);
  });

  it('refuses a malformed key at start instead of failing in every browser', () => {
    expect(loadMapConfig({ TIANDITU_KEY: '  ' })).toEqual({ tiandituKey: null });
    expect(loadMapConfig({ TIANDITU_KEY: ` ${KEY.toUpperCase()} ` })).toEqual({ tiandituKey: KEY.toUpperCase() });
    expect(() => loadMapConfig({ TIANDITU_KEY: 'my-key' })).toThrow(/32 hexadecimal characters.*6 characters/);
  });
});
