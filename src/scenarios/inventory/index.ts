/** Inventory import: kolla-ansible INI or our YAML topology, plus instances, into a Topology. */
export { loadInventory, parseInventory, type InventoryOptions } from './load.ts';
export { parseKollaInventory, KOLLA_SERVICES } from './kolla.ts';
export { parseYamlTopology } from './yaml-topology.ts';
export { instancesPerCompute, parseInstanceList } from './instances.ts';
export { haproxyFrontends, withFrontends } from './frontends.ts';
export { formatInventoryError, INVENTORY_ERRORS, type InventoryError, type InventoryErrorCode, type InventoryResult } from './errors.ts';
