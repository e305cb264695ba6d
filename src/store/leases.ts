export interface LeaseResult {
  acquired: boolean;
  /** The current holder and its expiry when not acquired. */
  holder?: string;
  expiresAt?: number;
}

/** Named leases with an expiry, so that two processes never write to Salesforce at once. */
export interface LeaseRepo {
  /** Takes the named lease when it is free, expired, or already ours; extends it by `ttlMs`. */
  acquire(name: string, owner: string, ttlMs: number, now: number): Promise<LeaseResult>;
  release(name: string, owner: string): Promise<void>;
}
