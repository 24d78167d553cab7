import dayjs from 'dayjs';
import { formatYuan } from '@mall/shared';

export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '-' : `¥${formatYuan(fen)}`);
export const dateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '-');
/** Antd InputNumber in yuan ↔ fen, rounded to the fen. */
export const toFen = (yuanValue: number | null | undefined) => Math.round((yuanValue ?? 0) * 100);
