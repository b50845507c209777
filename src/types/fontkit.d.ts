// fontkit ships no type declarations; this is the one call the project makes (pdfkit takes the
// parsed font as a font source).
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): object;
}
