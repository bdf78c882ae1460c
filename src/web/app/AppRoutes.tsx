import { Redirect, Route, Switch } from 'wouter';
import { ENTITIES } from '../../shared/entities/registry.js';
import { extensionsOf } from '../core/extensions.js';
import { lazyPage, shownPage } from '../core/lazyPage.js';
import { barePagesOf, homePageOf, modulePages } from '../core/pages.js';
import { AppLayout } from './AppLayout.js';
import { EntityListPage } from '../core/list/EntityListPage.js';

// A folder's list is what the app opens on; a record's page, the trash and Settings load when first opened.
const SettingsPage = shownPage(lazyPage(() => import('./SettingsPage.js').then((m) => m.SettingsPage)));
const RecordPage = shownPage(lazyPage(() => import('../core/record/RecordPage.js').then((m) => m.RecordPage)));
const AuditLogPage = shownPage(lazyPage(() => import('../core/audit/AuditLogPage.js').then((m) => m.AuditLogPage)));
const ImportPage = shownPage(lazyPage(() => import('../core/import/ImportPage.js').then((m) => m.ImportPage)));
const ImportHistoryPage = shownPage(lazyPage(() => import('../core/import/ImportHistoryPage.js').then((m) => m.ImportHistoryPage)));
const ImportJobPage = shownPage(lazyPage(() => import('../core/import/ImportJobPage.js').then((m) => m.ImportJobPage)));
const TrashPage = shownPage(lazyPage(() => import('../core/record/TrashPage.js').then((m) => m.TrashPage)));
const DuplicatesPage = shownPage(lazyPage(() => import('../core/duplicates/DuplicatesPage.js').then((m) => m.DuplicatesPage)));

const home = `/${ENTITIES[0]?.path ?? 'customers'}`;

/** Pages without the app's frame (printing) first; everything else inside it. */
export function AppRoutes() {
  return (
    <Switch>
      {barePagesOf().map((p) => (
        <Route key={p.path} path={p.path}>
          {(params: Record<string, string | undefined>) => <p.Page params={params} />}
        </Route>
      ))}
      <Route>
        <AppLayout>
          <FramedRoutes />
        </AppLayout>
      </Route>
    </Switch>
  );
}

/** One list, duplicates page, record page and trash page per entity, all generic. */
function FramedRoutes() {
  return (
    <Switch>
      <Route path="/">
        {() => {
          // The app opens on the dashboard a module registers, else on the first folder.
          const Home = homePageOf()?.Page;
          return Home ? <Home /> : <Redirect to={home} replace />;
        }}
      </Route>
      <Route path="/settings" component={SettingsPage} />
      <Route path="/audit" component={AuditLogPage} />
      <Route path="/imports" component={ImportHistoryPage} />
      <Route path="/imports/:id">
        {(params: { id: string }) => <ImportJobPage id={params.id} />}
      </Route>
      {modulePages().map((p) => (
        <Route key={p.path} path={p.path} component={p.Page} />
      ))}
      <Route path="/trash">
        <Redirect to={`/trash/${ENTITIES[0]?.path ?? 'customers'}`} replace />
      </Route>
      {ENTITIES.map((e) => (
        <Route key={`trash-${e.path}`} path={`/trash/${e.path}`}>
          <TrashPage entity={e} />
        </Route>
      ))}
      {ENTITIES.map((e) => {
        // A module may give an entity's folder its own page (customer groups with their members).
        const Page = extensionsOf(e).listPage ?? EntityListPage;
        return (
          <Route key={`list-${e.path}`} path={`/${e.path}`}>
            <Page entity={e} />
          </Route>
        );
      })}
      {/* Before the record's route: `import` is not a record id. */}
      {ENTITIES.map((e) => (
        <Route key={`import-${e.path}`} path={`/${e.path}/import`}>
          <ImportPage entity={e} />
        </Route>
      ))}
      {/* Before the record's route, which would take "duplicates" for an id. */}
      {ENTITIES.map((e) => (
        <Route key={`duplicates-${e.path}`} path={`/${e.path}/duplicates`}>
          <DuplicatesPage entity={e} />
        </Route>
      ))}
      {ENTITIES.map((e) => (
        <Route key={`one-${e.path}`} path={`/${e.path}/:id`}>
          {(params: { id: string }) => <RecordPage entity={e} id={params.id} />}
        </Route>
      ))}
      <Route>
        <Redirect to={home} replace />
      </Route>
    </Switch>
  );
}
