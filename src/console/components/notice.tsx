import type { ComponentChildren } from 'preact';

export function ErrorNotice({ error }: { error: Error | undefined }) {
  if (!error) return null;
  return (
    <div class="notice notice-error" role="alert">
      {error.message}
    </div>
  );
}

export function Panel({
  title,
  children,
  actions,
}: {
  title: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <section class="panel" aria-label={title}>
      <header class="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      <div class="panel-body">{children}</div>
    </section>
  );
}
