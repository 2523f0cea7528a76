/**
 * Names both stacks must agree on without referencing each other. The data key's policy lets CloudWatch Logs
 * encrypt only log groups under this prefix, and the stateless stack names every log group beneath it, so a
 * log group outside Daylight cannot borrow the key and a Daylight log group cannot miss it.
 */
export function logGroupPrefix(stage: string): string {
  return `/daylight/${stage}`;
}

/** Physical names carry the stage so two stages can share an account and region. */
export function resourceName(stage: string, name: string): string {
  return `daylight-${stage}-${name}`;
}
