import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Role = 'viewer' | 'operator' | 'admin';
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export interface Me {
  name: string;
  role: Role;
  /** The tenants the token may use; the console offers a switch when there are several. */
  tenants: string[];
}

export const MeContext = createContext<Me>({ name: '', role: 'viewer', tenants: [] });

/** Whether the signed-in role may use a control (the API checks again and has the last word). */
export function useCan(needed: Role): boolean {
  return RANK[useContext(MeContext).role] >= RANK[needed];
}
