import type { Metadata } from "next";
import { StatusForm } from "@/components/courses/status-form";
import { ROLES } from "@/lib/auth/roles";
import { listSiteAudit, searchUsers, ADMIN_SEARCH_LIMIT } from "@/lib/server/admin/users";
import { requireSiteAccess } from "@/lib/server/courses/page-access";
import styles from "../../teach.module.css";
import { changeAccountAction } from "./actions";

export const metadata: Metadata = { title: "Accounts" };

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).q;
  const query = (typeof raw === "string" ? raw : "").trim().slice(0, 254);
  const { userId } = await requireSiteAccess("site.manage-users", `/admin/users${query ? `?q=${encodeURIComponent(query)}` : ""}`);
  const [users, log] = await Promise.all([searchUsers(query), listSiteAudit()]);

  return (
    <>
      <h1>Accounts</h1>
      <p className="lead">Grant the instructor role to people who create courses; admins manage accounts. Changes count from the account&apos;s next request.</p>
      <form method="get" action="/admin/users" className="inline-form" role="search">
        <label htmlFor="user-search">Email contains</label>
        <input id="user-search" name="q" type="search" defaultValue={query} maxLength={254} />
        <button type="submit" className="button">Search</button>
      </form>

      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="users">
          <caption className="visually-hidden">Accounts{query ? ` whose email contains ${query}` : ""}, newest first, at most {ADMIN_SEARCH_LIMIT}</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
              <th scope="col">Access</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === userId;
              const target = <input type="hidden" name="userId" value={user.id} />;
              return (
                <tr key={user.id} data-email={user.email}>
                  <th scope="row">
                    {user.email}
                    {user.name && <div className={styles.muted}>{user.name}</div>}
                  </th>
                  <td>
                    {self ? (
                      <>{user.role} <span className={styles.muted}>(you)</span></>
                    ) : (
                      <StatusForm action={changeAccountAction} submitLabel="Save role" layout="inline" secondary>
                        {target}
                        <label className="visually-hidden" htmlFor={`role-${user.id}`}>Site role of {user.email}</label>
                        <select id={`role-${user.id}`} name="change" defaultValue={user.role}>
                          {ROLES.map((role) => (
                            <option key={role} value={role}>{role}</option>
                          ))}
                        </select>
                      </StatusForm>
                    )}
                  </td>
                  <td>
                    {self ? (
                      "active"
                    ) : (
                      <StatusForm action={changeAccountAction} submitLabel={user.disabled ? "Enable" : "Disable"} layout="inline" secondary>
                        {target}
                        <span>{user.disabled ? "disabled" : "active"}</span>
                        <input type="hidden" name="change" value={user.disabled ? "enable" : "disable"} />
                      </StatusForm>
                    )}
                  </td>
                  <td>
                    <time dateTime={user.createdAt.toISOString()}>{DATE.format(user.createdAt)}</time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {users.length === 0 && <p>No account matches.</p>}

      <h2>Recent changes</h2>
      {log.length === 0 ? (
        <p className={styles.muted}>No change yet.</p>
      ) : (
        <ul data-testid="site-audit">
          {log.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at.toISOString()}>{DATE.format(entry.at)}</time>: {entry.detail} (by {entry.actorEmail ?? "a deleted account"})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
