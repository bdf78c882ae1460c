import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, DEFAULT_WORKING_TIME, workingMinutesBetween, workingTimeProblem } from '../src/shared/working-time.js';

const seoul = (local: string) => Date.parse(`${local}+09:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('working time (the service clock, M9)', () => {
  const w = DEFAULT_WORKING_TIME;
  it('counts only working hours: Friday 17:00 + 4 h is Monday 12:00; received at night starts at 09:00', () => {
    // 2026-12-04 is a Friday.
    expect(iso(addWorkingMinutes(seoul('2026-12-04T17:00:00'), 240, w, 'Asia/Seoul'))).toBe(iso(seoul('2026-12-07T12:00:00')));
    expect(iso(addWorkingMinutes(seoul('2026-12-05T10:00:00'), 60, w, 'Asia/Seoul'))).toBe(iso(seoul('2026-12-07T10:00:00')));
    expect(iso(addWorkingMinutes(seoul('2026-12-07T22:00:00'), 30, w, 'Asia/Seoul'))).toBe(iso(seoul('2026-12-08T09:30:00')));
    // Two working days of 9 hours.
    expect(iso(addWorkingMinutes(seoul('2026-12-07T09:00:00'), 18 * 60, w, 'Asia/Seoul'))).toBe(iso(seoul('2026-12-08T18:00:00')));
    expect(addWorkingMinutes(seoul('2026-12-07T11:00:00'), 0, w, 'Asia/Seoul')).toBe(seoul('2026-12-07T11:00:00'));
  });

  it('minutes between two instants skip nights and weekends; the inverse of adding', () => {
    expect(workingMinutesBetween(seoul('2026-12-04T17:00:00'), seoul('2026-12-07T12:00:00'), w, 'Asia/Seoul')).toBe(240);
    expect(workingMinutesBetween(seoul('2026-12-05T00:00:00'), seoul('2026-12-06T23:59:00'), w, 'Asia/Seoul')).toBe(0);
    expect(workingMinutesBetween(seoul('2026-12-08T12:00:00'), seoul('2026-12-07T12:00:00'), w, 'Asia/Seoul')).toBe(0);
    for (const minutes of [1, 59, 540, 541, 2000]) {
      const from = seoul('2026-12-03T16:27:00');
      expect(workingMinutesBetween(from, addWorkingMinutes(from, minutes, w, 'Asia/Seoul'), w, 'Asia/Seoul')).toBe(minutes);
    }
  });

  it('follows the zone and its daylight saving time; other days and hours from Settings', () => {
    // 2027-03-14 is the Sunday Los Angeles moves to daylight time: Friday 17:00 PST + 2 h is Monday 10:00 PDT.
    expect(iso(addWorkingMinutes(Date.parse('2027-03-12T17:00:00-08:00'), 120, w, 'America/Los_Angeles'))).toBe(iso(Date.parse('2027-03-15T10:00:00-07:00')));
    const saturdays = { days: [1, 2, 3, 4, 5, 6], start: '08:30', end: '12:30' };
    expect(iso(addWorkingMinutes(seoul('2026-12-05T12:00:00'), 60, saturdays, 'Asia/Seoul'))).toBe(iso(seoul('2026-12-07T09:00:00')));
    expect(workingTimeProblem(saturdays)).toBeNull();
    expect(workingTimeProblem({ days: [], start: '09:00', end: '18:00' })).toMatch(/at least one/);
    expect(workingTimeProblem({ days: [1, 8], start: '09:00', end: '18:00' })).toMatch(/1 \(Monday\)/);
    expect(workingTimeProblem({ days: [1], start: '18:00', end: '09:00' })).toMatch(/after the start/);
    expect(workingTimeProblem({ days: [1], start: '9:00', end: '18:00' })).toMatch(/HH:MM/);
  });
});
