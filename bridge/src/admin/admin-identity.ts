/** Who is calling the admin API, as the audit log names them. */
export interface AdminIdentity {
  /** A Microsoft user name, or "local admin token". */
  name: string;
  via: 'microsoft' | 'local-token';
  /** Stable per person: the Microsoft object id, or "local". Rate limits count per id. */
  id: string;
}
