import { mdxToMdast } from 'satteri';

// MDX runs code when it is built: an import, an export or a {JavaScript expression} in a body a
// browser sent would run on the server. A body written in the browser may therefore hold Markdown and
// the authoring components only, with plain text attributes. This reads the MDX syntax tree (never
// regular expressions), parsed by the same processor that renders bodies, and names every construct that is not allowed, with its line and column.

/** The authoring components (src/components/mdx) and the attributes each takes. */
export const AUTHORING_COMPONENTS: Readonly<Record<string, readonly string[]>> = {
  Callout: ['type', 'title'],
  Steps: [],
  Say: ['who'],
};

/** Largest body accepted from a browser, in bytes: a long regulation is well under it. */
export const MAX_BODY_BYTES = 256 * 1024;

export type UnsafeKind = 'too-large' | 'syntax' | 'import-export' | 'expression' | 'unknown-element' | 'attribute' | 'attribute-expression';

export interface UnsafeConstruct {
  kind: UnsafeKind;
  /** 1-based, where the construct starts; 0 when it is about the whole body. */
  line: number;
  column: number;
  /** The element or attribute named, where there is one. */
  name?: string;
}

interface Point {
  line: number;
  column: number;
}
interface Node {
  type: string;
  children?: Node[];
  name?: string | null;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: Point };
}

const where = (node: Node) => ({ line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 });

/** A link in a body, with the line it starts on (1-based). */
export interface BodyLink {
  url: string;
  line: number;
}

/** What reading a body found: the constructs it may not hold, its links and its images. */
export interface BodyReading {
  unsafe: UnsafeConstruct[];
  links: BodyLink[];
  images: BodyLink[];
}

/** Every construct of `body` that a body written in the browser may not hold; empty when it is safe. */
export function unsafeMdx(body: string): UnsafeConstruct[] {
  return readBody(body).unsafe;
}

/** Reads `body` once: what it may not hold, and every link it makes (for the content check of links). */
export function readBody(body: string): BodyReading {
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return { unsafe: [{ kind: 'too-large', line: 0, column: 0 }], links: [], images: [] };
  let tree: Node;
  try {
    tree = mdxToMdast(body) as unknown as Node;
  } catch (error) {
    // Sätteri starts its message with where: "3:10: Unexpected character …".
    const place = /^(\d+):(\d+):/.exec((error as Error).message);
    return { unsafe: [{ kind: 'syntax', line: Number(place?.[1] ?? 0), column: Number(place?.[2] ?? 0) }], links: [], images: [] };
  }
  const found: UnsafeConstruct[] = [];
  const links: BodyLink[] = [];
  const images: BodyLink[] = [];
  const visit = (node: Node) => {
    check(node);
    for (const child of node.children ?? []) visit(child);
  };
  const check = (node: Node) => {
    switch (node.type) {
      case 'link':
        if (typeof node.url === 'string') links.push({ url: node.url, line: where(node).line });
        break;
      case 'image':
        if (typeof node.url === 'string') images.push({ url: node.url, line: where(node).line });
        break;
      case 'mdxjsEsm':
        found.push({ kind: 'import-export', ...where(node) });
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        found.push({ kind: 'expression', ...where(node) });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        const allowed = AUTHORING_COMPONENTS[name];
        if (!allowed) {
          found.push({ kind: 'unknown-element', ...where(node), name: name || '<>' });
          break;
        }
        for (const attribute of node.attributes ?? []) {
          if (attribute.type === 'mdxJsxExpressionAttribute' || (attribute.value !== null && typeof attribute.value === 'object')) {
            found.push({ kind: 'attribute-expression', ...where(node), name: attribute.name ?? name });
          } else if (!attribute.name || !allowed.includes(attribute.name)) {
            found.push({ kind: 'attribute', ...where(node), name: attribute.name ?? '' });
          }
        }
        break;
      }
      // Markdown's own HTML does not exist in MDX: `<script>` and the like parse as JSX elements above.
    }
  };
  visit(tree);
  return { unsafe: found, links, images };
}
