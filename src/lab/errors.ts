/**
 * The lab's failures, each with a stable code. A LabError means the lab could not do its job
 * (Docker, an image, a wait that ran out); what real nova did is never an error but an
 * observation in the report.
 */

export const LAB_ERRORS = {
  'LAB-BUILD': 'an image build (mmdebstrap, docker build, docker import) failed',
  'LAB-IMAGE': 'a built image lacks its description or holds a nova the catalogue does not know',
  'LAB-RELEASE': 'an image built for one release holds another (its Debian suite moved)',
  'LAB-NO-IMAGE': 'the lab has no image for a release the plan needs',
  'LAB-LAYOUT': 'the plan\'s topology cannot be mapped onto the lab (no controller)',
  'LAB-NODE': 'a step names a node or service the lab does not run',
  'LAB-START': 'a service of the starting topology did not start',
  'LAB-BOOT': 'an instance of the starting topology did not become ACTIVE',
  'LAB-LB': 'a command on HAProxy\'s runtime socket failed',
  'LAB-DB': 'reading nova.services from the database failed',
  'LAB-MANAGE': 'a nova-manage command exited non-zero',
  'LAB-STEP': 'an operation of a step failed (API call, migration wait)',
  'LAB-REFUSED': 'a verb that should have been refused before the run reached the executor',
  'LAB-TIMEOUT': 'a wait ran out of its hard limit',
} as const;
export type LabErrorCode = keyof typeof LAB_ERRORS;

export class LabError extends Error {
  constructor(
    readonly code: LabErrorCode,
    message: string,
  ) {
    super(`[${code}] ${message}`);
  }
}
