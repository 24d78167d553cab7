import { decryptWecom, encryptWecom, msgSignature, xmlField } from './wecom-crypto';

// WeChat's published test vector (WXBizMsgCrypt samples): token, key, appid, timestamp, nonce, signature and ciphertext.
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const TOKEN = 'spamtest';
const APPID = 'wx2c2769f8efd9abc2';
const ENCRYPT =
  'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';

describe('WeCom callback crypto', () => {
  it('matches the published sample: signature and plaintext', () => {
    expect(msgSignature(TOKEN, '1409735669', '1320562132', ENCRYPT)).toBe('5d197aaffba7e9b25a30732f161a50dee96bd5fa');
    const xml = decryptWecom(KEY, APPID, ENCRYPT);
    expect(xmlField(xml, 'Content')).toBe('abcdteT');
    expect(xmlField(xml, 'CreateTime')).toBe('1409735668');
  });

  it('round-trips, and refuses another receiver or a tampered ciphertext', () => {
    const message = '<xml><ChatId><![CDATA[wrOgAA]]></ChatId><MemChangeCnt>1</MemChangeCnt>中文</xml>';
    for (const size of [0, 11, 12, 43, 100]) {
      const text = message + 'x'.repeat(size);
      expect(decryptWecom(KEY, 'ww-corp', encryptWecom(KEY, 'ww-corp', text))).toBe(text);
    }
    const sealed = encryptWecom(KEY, 'ww-corp', message);
    expect(() => decryptWecom(KEY, 'ww-other', sealed)).toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] ^= 0xff;
    expect(() => decryptWecom(KEY, 'ww-corp', bytes.toString('base64'))).toThrow();
  });
});
