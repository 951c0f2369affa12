/**
 * Cases of the hadolint conformance suite where eks-kit answers otherwise on purpose, by case id
 * (`<code> <case>`), with the reason. docs/rules/hadolint.md lists them too.
 */
export const DIFFERENCES = new Map<string, string>([
  [
    'DL3002 root in one stage when the last stage is fine',
    'Only the stages that make up the image that ships are checked: a build stage that runs as root and is not the image does not run in production.',
  ],
  [
    'DL3010 Windows paths, unpacked by full path',
    'With the default escape character `\\`, Docker reads `out\\pkg\\release.tar.gz` as `outpkgrelease.tar.gz`; eks-kit reads paths as Docker does. With `# escape=`` ` the Windows paths are read whole and the rule fires.',
  ],
  ['DL3010 Windows paths, unpacked by file name', 'As above: without `# escape=``, the backslashes of the COPY are escapes to Docker.'],
  [
    'DL3048 a character not allowed in a key',
    'Docker substitutes `$id` in `LABEL build$id=…`: the key is known only at build time, so eks-kit does not judge a key that holds a variable.',
  ],
]);
