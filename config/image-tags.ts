/** Reading versions out of image references (no schema code, so stacks can use it cheaply). */

/** The major version in a `postgres:<major>[.minor][-variant]` tag, if the tag has one. */
export function postgresMajor(image: string): number | undefined {
  const m = /:(\d+)(?:[.-]|$)/.exec(image.replace(/@sha256:.*$/, ''));
  return m ? Number(m[1]) : undefined;
}
