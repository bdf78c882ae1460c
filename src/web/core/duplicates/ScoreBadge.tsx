import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "92% match": red from 90, orange from 70, else yellow, so the surest groups stand out in the queue. */
export function ScoreBadge({ score }: { score: number }) {
  const { t } = useTranslation();
  const color = score >= 90 ? 'red' : score >= 70 ? 'orange' : 'yellow';
  return (
    <Badge color={color} variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {t('duplicates.score', { score: Math.round(score) })}
    </Badge>
  );
}
