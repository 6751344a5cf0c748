// The example fleets' links: the one whose payload the workbench shows is marked current, as the server marks it,
// so a person sees which example they are on until they change it.

export function presetMarker(root: ParentNode): (query: URLSearchParams) => void {
  const links = Array.from(root.querySelectorAll<HTMLAnchorElement>("a[data-preset]"), (link) => ({
    link,
    query: new URL(link.href).searchParams.toString(),
  }));
  return (query) => {
    const shown = query.toString();
    for (const { link, query: presetQuery } of links) {
      if (presetQuery === shown) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
  };
}
