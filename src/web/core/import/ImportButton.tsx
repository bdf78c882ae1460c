import { ActionIcon, Button, Tooltip } from '@mantine/core';
import { IconFileImport, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';

/** The list toolbar's Import (the wizard at `/<entities>/import`) and, beside it, the import history. */
export function ImportButton({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  return (
    <Button.Group>
      <Button variant="default" component={Link} href={`/${entity.path}/import`} leftSection={<IconFileImport size={16} aria-hidden />}>
        {t('import.import')}
      </Button>
      <Tooltip label={t('import.history')} withArrow>
        <ActionIcon variant="default" size={36} component={Link} href="/imports" aria-label={t('import.history')}>
          <IconHistory size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Button.Group>
  );
}
