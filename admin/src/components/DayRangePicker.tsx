import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { lastDays, thisMonthDays } from '../services/format';

export type DayRange = [string, string];

const DAY = 'YYYY-MM-DD';

const lastMonth = (): DayRange => {
  const start = dayjs(thisMonthDays()[0]).subtract(1, 'month');
  return [start.format(DAY), start.endOf('month').format(DAY)];
};

/** Calendar days (YYYY-MM-DD, both ends included) that reports read as Beijing days, with the usual presets. */
export function DayRangePicker({ value, onChange }: { value: DayRange; onChange: (range: DayRange) => void }) {
  const preset = (label: string, range: DayRange) => ({
    label,
    value: [dayjs(range[0]), dayjs(range[1])] as [dayjs.Dayjs, dayjs.Dayjs],
  });
  return (
    <DatePicker.RangePicker
      allowClear={false}
      value={[dayjs(value[0]), dayjs(value[1])]}
      presets={[preset('本月', thisMonthDays()), preset('上月', lastMonth()), preset('近 7 天', lastDays(7)), preset('近 30 天', lastDays(30))]}
      onChange={(days) => days?.[0] && days[1] && onChange([days[0].format(DAY), days[1].format(DAY)])}
    />
  );
}
