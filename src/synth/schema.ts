/**
 * Schema phases per project, from the catalogue's tooling rules: what runs before the first node
 * loads new code (old code keeps working on it), what runs once every node does, and what cannot
 * run while the project serves (an offline `db sync`).
 */
import { availablePhases, hasOnlineMigrations, migrateRequired, schemaStyle } from '../models/catalogue/db-rules.ts';
import type { DbPhase, Project, ReleaseName } from '../scenarios/plan.ts';

export interface Phases {
  /** Null: the project has only an offline sync; its services must be stopped for it. */
  before: DbPhase[] | null;
  after: DbPhase[];
  /** Said in the label: why a phase is left out. */
  note?: string;
}

export function phasesFor(project: Project, to: ReleaseName): Phases {
  const online: DbPhase[] = hasOnlineMigrations(project, to) && availablePhases(project, to).includes('online-migrations') ? ['online-migrations'] : [];
  switch (schemaStyle(project, to)) {
    case 'additive':
      return { before: ['sync'], after: online };
    case 'expand-migrate-contract':
      return { before: migrateRequired(project, to) ? ['expand', 'migrate'] : ['expand'], after: ['contract', ...online] };
    case 'expand-contract':
      return { before: ['expand'], after: online, note: 'the contract migration needs every neutron-server stopped: leave it for a maintenance window' };
    case 'offline':
      return { before: null, after: online };
  }
}
