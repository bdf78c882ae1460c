import FullCalendar, { type DateSelectInfo, type EventChangeInfo, type EventDisplayInfo, type EventInput } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import koLocale from '@fullcalendar/react/locales/ko';
import zhLocale from '@fullcalendar/react/locales/zh-cn';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { VisuallyHidden } from '@mantine/core';
import type { EntityRecord } from '../../core/records.js';
import { zonedDate } from '../../core/timeZone.js';
import classes from './ActivityCalendar.module.css';

export interface Range {
  from: string;
  to: string;
}

interface Props {
  tz: string;
  events: EventInput[];
  selectedDate: string | null;
  onRange: (range: Range) => void;
  onDateClick: (date: string) => void;
  onSelect: (info: DateSelectInfo) => void;
  onEventClick: (record: EntityRecord) => void;
  onMove: (info: EventChangeInfo) => void;
}

const LOCALES = [koLocale, zhLocale];
const fcLocale = (lang: string) => (lang === 'ko' ? 'ko' : lang === 'zh-CN' ? 'zh-cn' : 'en');

/** FullCalendar 7 in the user's time zone: month / week / day, click a date, select to create, drag to move. */
export function ActivityCalendar({ tz, events, selectedDate, onRange, onDateClick, onSelect, onEventClick, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const isSelected = (d: Date) => selectedDate !== null && zonedDate(d.toISOString(), tz) === selectedDate;
  const content = (info: EventDisplayInfo) => {
    const ended = info.event.extendedProps.record && (info.event.extendedProps.record as EntityRecord).status === 'ended';
    return (
      <span className={classes.event} title={ended ? `${info.event.title} (${t('activity.status.ended')})` : info.event.title}>
        {ended && <IconCircleCheck size={12} aria-label={t('activity.status.ended')} role="img" className={classes.check} />}
        {info.timeText && <span className={classes.time}>{info.timeText}</span>}
        <span className={ended ? classes.endedTitle : classes.title}>{info.event.title}</span>
      </span>
    );
  };
  return (
    <div className={classes.calendar}>
      <FullCalendar
        plugins={[classicTheme, dayGridPlugin, timeGridPlugin, interactionPlugin]}
        initialView="dayGridMonth"
        headerToolbar={{ start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,timeGridDay' }}
        timeZone={tz}
        locales={LOCALES}
        locale={fcLocale(i18n.language)}
        height="auto"
        events={events}
        selectable
        editable
        dayMaxEvents={4}
        eventContent={content}
        // A cell's date is the instant its day starts in the calendar's zone: its date there, not in UTC (issue 10: Seoul saw the next day marked).
        dayCellClass={(d) => (isSelected(d.date) ? classes.selectedDay : undefined)}
        // The selected day is also said in words (screen readers) and marked by a ring, not only by colour.
        dayCellTopContent={(d) => (isSelected(d.date) ? (
          <span className={classes.selectedNumber}>
            {d.dayNumberText}
            <VisuallyHidden>{` (${t('calendar.selected')})`}</VisuallyHidden>
          </span>
        ) : d.dayNumberText)}
        datesSet={(info) => onRange({ from: info.startStr, to: info.endStr })}
        dateClick={(info) => onDateClick(info.dateStr.slice(0, 10))}
        select={(info) => {
          // A plain click in the month grid is a one-day selection too: that is a date click, not a new activity.
          const oneDay = info.allDay && info.end.getTime() - info.start.getTime() <= 86_400_000;
          if (!oneDay) onSelect(info);
        }}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          const r = info.event.extendedProps.record as EntityRecord | undefined;
          if (r) onEventClick(r);
        }}
        eventDrop={onMove}
        eventResize={onMove}
      />
    </div>
  );
}
