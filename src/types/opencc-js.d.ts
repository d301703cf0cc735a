/**
 * Minimal typings for the `opencc-js/t2cn` entry point (traditional → simplified
 * only, ~110 KB instead of the 1.2 MB full bundle).
 *
 * opencc-js ships `types/full.d.ts` for its root entry, but this project resolves
 * modules with `moduleResolution: node`, which ignores the package `exports` map,
 * so the `./t2cn` sub-path has no typings. Only what `src/domain/text` uses is
 * declared; `Locale` is typed loosely (`unknown` leaves) because its dictionary
 * layout is an implementation detail we only walk defensively.
 */
declare module 'opencc-js/t2cn' {
  export type ConverterFunction = (text: string) => string;

  export interface ConverterOptions {
    /** Source locale: `t` (OpenCC traditional), `tw`, `twp`, `hk`, `hkp`, `jp`. */
    from: string;
    /** Target locale: `cn` (simplified, mainland). */
    to: string;
  }

  export function Converter(options: ConverterOptions): ConverterFunction;

  export const Locale: {
    readonly from: Readonly<Record<string, unknown>>;
    readonly to: Readonly<Record<string, unknown>>;
    readonly configs?: Readonly<Record<string, unknown>>;
  };
}
