import { coreActions } from './core';
import { kpiActions } from './kpi';
import { crmActions } from './crm';
import { payActions } from './pay';
import { signoffActions } from './signoffs';
import { trainerActions } from './trainer';
import { learningActions } from './learning';
import { searchActions } from './search';
import { editingActions } from './editing';
import { notificationActions } from './notifications';

// Every write from a browser comes through an action. Each area keeps its actions in its own
// file; this is the one list Astro serves under /_actions/.
export const server = {
  ...coreActions,
  ...kpiActions,
  ...crmActions,
  ...payActions,
  ...signoffActions,
  ...trainerActions,
  ...learningActions,
  ...searchActions,
  ...editingActions,
  ...notificationActions,
};
