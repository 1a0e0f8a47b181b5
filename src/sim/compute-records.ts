import type { NodeName, ReleaseName } from '../scenarios/plan.ts';

/**
 * The nova-compute rows of one nova database, node → release, counted per release: nova looks for
 * the oldest at every service start, and the count answers without walking every compute.
 */
export class ComputeRecords extends Map<NodeName, ReleaseName> {
  private readonly perRelease = new Map<ReleaseName, number>();

  override set(node: NodeName, r: ReleaseName): this {
    this.forget(node);
    super.set(node, r);
    this.perRelease.set(r, (this.perRelease.get(r) ?? 0) + 1);
    return this;
  }

  override delete(node: NodeName): boolean {
    this.forget(node);
    return super.delete(node);
  }

  /** The releases some record holds. */
  releases(): IterableIterator<ReleaseName> {
    return this.perRelease.keys();
  }

  private forget(node: NodeName): void {
    const r = super.get(node);
    if (r === undefined) return;
    const n = (this.perRelease.get(r) ?? 1) - 1;
    if (n === 0) this.perRelease.delete(r);
    else this.perRelease.set(r, n);
  }
}
