import { sniffImage } from './image-type';

describe('sniffImage', () => {
  it('knows JPEG, PNG and WebP by their bytes', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(sniffImage(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toEqual({ mime: 'image/png', ext: 'png' });
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toEqual({ mime: 'image/webp', ext: 'webp' });
  });

  it('refuses anything else, whatever it is called', () => {
    for (const bytes of [
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('GIF89a'),
      Buffer.from('%PDF-1.7'),
      Buffer.from('<html>'),
      Buffer.alloc(0),
      Buffer.from([0xff, 0xd8]),
    ]) {
      expect(sniffImage(bytes)).toBeNull();
    }
  });
});
