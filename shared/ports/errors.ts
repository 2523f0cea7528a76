/** Another writer changed the item since it was read: re-read, re-merge and try again. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
}
