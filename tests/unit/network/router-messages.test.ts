import { beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../../src-renderer/i18n';
import { splitRouterMessage } from '../../../src-renderer/screens/sync/RouterMessage';

/*
 * What a sync failure reads like on screen: Indonesian, with the router's own English words kept on a
 * detail line (what the technician searches for), never a raw RouterOS sentence alone.
 */
describe('router errors in Indonesian, the router words on a detail line', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('id');
  });

  it('a known RouterOS refusal is translated; its words go to the detail line', () => {
    expect(splitRouterMessage('The router refused: input does not match any value of profile')).toEqual({
      text: 'Router menolak: profil itu tidak ada di router',
      words: 'input does not match any value of profile',
    });
    expect(splitRouterMessage('The router refused: not enough permissions (9)')).toEqual({
      text: 'Router menolak: user API tidak punya izin untuk ini (grup user perlu policy write)',
      words: 'not enough permissions (9)',
    });
    expect(splitRouterMessage('The router refused: invalid value for argument remote-address').text).toBe(
      'Router menolak: nilai tidak sah untuk remote-address',
    );
  });

  it("the sync worker's own sentences name what to do", () => {
    expect(
      splitRouterMessage(
        'Profile Home-10M is not on the router: repair its profiles first (Routers → Differences) (router said: input does not match any value of profile)',
      ),
    ).toEqual({
      text: 'Profil Home-10M tidak ada di router: pulihkan dulu profil router (Router → Perbedaan)',
      words: 'input does not match any value of profile',
    });
    expect(
      splitRouterMessage(
        'The router already has a secret named budi that this app did not create; its password was not changed. Take it into the app (Routers → Differences) or choose another username',
      ).text,
    ).toBe(
      'Router sudah punya secret bernama budi yang tidak dibuat aplikasi ini; kata sandinya tidak diubah. Ambil ke aplikasi (Router → Perbedaan) atau pilih username lain',
    );
  });

  it('an unknown RouterOS text stays inside the Indonesian sentence (no second copy below)', () => {
    expect(splitRouterMessage('The router refused: failure: pool exhausted')).toEqual({
      text: 'Router menolak: failure: pool exhausted',
      words: null,
    });
  });

  it('connection errors are sentences of the app: translated, nothing to quote', () => {
    expect(
      splitRouterMessage(
        'Router unreachable: connection refused — is the API service enabled on port 8728? (IP → Services → api on 10.0.0.1)',
      ),
    ).toEqual({
      text: 'Router tidak terjangkau: koneksi ditolak — apakah layanan API aktif di port 8728? (IP → Services → api di 10.0.0.1)',
      words: null,
    });
  });
});
