// Draws the tab bar icons (81×81 PNG, normal grey and selected gold) without any image library.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(inside, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      // 3×3 supersampling for smooth edges
      let hits = 0;
      for (let sy = 0; sy < 3; sy++) for (let sx = 0; sx < 3; sx++) if (inside(x + (sx + 0.5) / 3, y + (sy + 0.5) / 3)) hits++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / 9) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const line = (x0, y0, x1, y1, w) => (x, y) => {
  const dx = x1 - x0,
    dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= w / 2;
};

const icons = {
  // house: roof and body outline with a door
  home: any(
    line(12, 40, 40.5, 14, 6),
    line(40.5, 14, 69, 40, 6),
    line(20, 36, 20, 68, 6),
    line(61, 36, 61, 68, 6),
    line(20, 68, 61, 68, 6),
    rect(35, 50, 46, 68),
  ),
  // member: a diamond (crown-cut) outline
  member: any(
    line(22, 22, 59, 22, 6),
    line(22, 22, 12, 36, 6),
    line(59, 22, 69, 36, 6),
    line(12, 36, 40.5, 68, 6),
    line(69, 36, 40.5, 68, 6),
    line(12, 36, 69, 36, 5),
    line(32, 22, 40.5, 36, 4),
    line(49, 22, 40.5, 36, 4),
  ),
  // mine: a head and shoulders
  mine: any(ring(40.5, 28, 12, 6), (x, y) => y >= 50 && y <= 70 && Math.abs(Math.hypot((x - 40.5) / 1.25, y - 72) - 20) <= 3.2, line(16, 69, 65, 69, 6)),
};

for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(new URL(`../src/assets/tab/${name}.png`, import.meta.url), png(shape, [140, 140, 140]));
  writeFileSync(new URL(`../src/assets/tab/${name}-active.png`, import.meta.url), png(shape, [200, 160, 99]));
}
console.log('tab icons written');
