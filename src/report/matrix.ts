/**
 * The compatibility matrix laid out as grids, one per channel: rows are the release of the
 * control side (the side the documented order upgrades first), columns the release of its peer.
 * Each catalogue cell keeps its number, so the grid can point to its detail and source.
 */
import type { Channel, CompatibilityCell, CompatibilityMatrix, CompatStatus } from './compat-types.ts';

export interface ChannelInfo {
  title: string;
  /** The side upgraded first: "control-newer" means this side runs the newer release. */
  control: string;
  peer: string;
}

export const CHANNELS: Record<Channel, ChannelInfo> = {
  'api→conductor': { title: 'nova-api → nova-conductor', control: 'nova-conductor', peer: 'nova-api' },
  'conductor→compute': { title: 'nova-conductor → nova-compute', control: 'nova-conductor', peer: 'nova-compute' },
  'compute→conductor': { title: 'nova-compute → nova-conductor', control: 'nova-conductor', peer: 'nova-compute' },
  'scheduler→compute': { title: 'nova-scheduler → nova-compute', control: 'nova-scheduler', peer: 'nova-compute' },
  'neutron-server↔agents': { title: 'neutron-server ↔ agents', control: 'neutron-server', peer: 'neutron agents' },
  'cinder-scheduler→volume': { title: 'cinder-scheduler → cinder-volume', control: 'cinder-scheduler', peer: 'cinder-volume' },
};

export const STATUS_WORDS: Record<CompatStatus | 'same' | 'unknown', string> = {
  supported: 'supported',
  'unsupported-but-works': 'works, unsupported',
  refused: 'refused',
  same: 'same release',
  unknown: 'not in catalogue',
};

export const STATUS_MARKS: Record<CompatStatus | 'same' | 'unknown', string> = {
  supported: '✔',
  'unsupported-but-works': '⚠',
  refused: '✖',
  same: '=',
  unknown: '?',
};

export interface GridCell {
  status: CompatStatus | 'same' | 'unknown';
  /** 1-based note number of the catalogue cell, when there is one. */
  note?: number;
  cell?: CompatibilityCell;
}

export interface ChannelGrid {
  channel: Channel;
  info: ChannelInfo;
  releases: string[];
  /** rows[i][j]: control side on releases[i], peer on releases[j]; empty past GRID_MAX_RELEASES. */
  rows: GridCell[][];
  /** The same cells by release pair: the compact form for long release ranges. */
  pairs: { newer: string; older: string; controlNewer: GridCell; controlOlder: GridCell }[];
}

/** Above this many releases a channel is drawn as a list of pairs: a full grid would be mostly empty. */
export const GRID_MAX_RELEASES = 4;

export interface MatrixModel {
  grids: ChannelGrid[];
  /** Every catalogue cell in note order. */
  notes: CompatibilityCell[];
  counts: Record<CompatStatus, number>;
}

export function buildMatrix(m: CompatibilityMatrix): MatrixModel {
  const notes: CompatibilityCell[] = [];
  const noteOf = new Map<CompatibilityCell, number>();
  const channels = [...new Set(m.cells.map((c) => c.channel))].sort(
    (a, b) => order(a) - order(b),
  );
  const grids = channels.map((channel) => {
    const cells = m.cells.filter((c) => c.channel === channel);
    const rows = m.releases.length > GRID_MAX_RELEASES ? [] : m.releases.map((control) =>
      m.releases.map((peer): GridCell => {
        const found =
          cells.find((c) => c.newer === control && c.older === peer && c.direction === 'control-newer') ??
          cells.find((c) => c.newer === peer && c.older === control && c.direction === 'control-older');
        if (!found) return { status: control === peer ? 'same' : 'unknown' };
        let note = noteOf.get(found);
        if (note === undefined) {
          notes.push(found);
          note = notes.length;
          noteOf.set(found, note);
        }
        return { status: found.status, note, cell: found };
      }),
    );
    const pairs: ChannelGrid['pairs'] = [];
    for (const c of cells) {
      if (pairs.some((p) => p.newer === c.newer && p.older === c.older)) continue;
      const side = (direction: CompatibilityCell['direction']): GridCell => {
        const found = cells.find((x) => x.newer === c.newer && x.older === c.older && x.direction === direction);
        if (!found) return { status: 'unknown' };
        let note = noteOf.get(found);
        if (note === undefined) {
          notes.push(found);
          note = notes.length;
          noteOf.set(found, note);
        }
        return { status: found.status, note, cell: found };
      };
      pairs.push({ newer: c.newer, older: c.older, controlNewer: side('control-newer'), controlOlder: side('control-older') });
    }
    const info = CHANNELS[channel] ?? { title: channel, control: 'control side', peer: 'peer' };
    return { channel, info, releases: [...m.releases], rows, pairs };
  });
  // Cells the grid could not place (releases outside m.releases) are still listed.
  for (const c of m.cells) if (!noteOf.has(c)) notes.push(c);
  const counts = { supported: 0, 'unsupported-but-works': 0, refused: 0 };
  for (const c of m.cells) counts[c.status]++;
  return { grids, notes, counts };
}

/** "Epoxy nova-conductor with Caracal nova-compute". */
export function cellPair(c: CompatibilityCell, info: ChannelInfo, title: (r: string) => string): string {
  const [controlRel, peerRel] = c.direction === 'control-newer' ? [c.newer, c.older] : [c.older, c.newer];
  return `${info.control} ${title(controlRel)} with ${info.peer} ${title(peerRel)}`;
}

function order(c: Channel): number {
  const i = Object.keys(CHANNELS).indexOf(c);
  return i < 0 ? 99 : i;
}
