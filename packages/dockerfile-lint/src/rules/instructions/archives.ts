/** File names Docker's ADD unpacks when they are local. */
export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz|tbz2|tb2|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz|gz|bz2|xz|lzma|zst|Z)$/;
