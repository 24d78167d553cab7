import { useEffect, useState } from 'react';

/** The current time, ticking once a second while the page is mounted. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 剩余 hh:mm:ss, or 已结束. */
export function countdownText(ms: number): string {
  if (ms <= 0) return '已结束';
  const s = Math.floor(ms / 1000);
  return `剩余 ${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
