export interface Crumb {
  label: string;
  /** Absent for a step without a page of its own, and for the page itself (the last step). */
  href?: string;
}

/** Where a page sits in the brand → organisation → location → sensor → circuit tree; the last step is this page. */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((crumb, i) => (
          <li aria-current={i === trail.length - 1 ? "page" : undefined}>
            {crumb.href ? <a href={crumb.href}>{crumb.label}</a> : crumb.label}
          </li>
        ))}
      </ol>
    </nav>
  );
}
