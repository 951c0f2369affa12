/** Dockerfile shapes whose size grows with `n`; `base` is the size the linear-time test starts from. */
export const GROWING_SHAPES: Record<string, { base: number; make: (n: number) => string }> = {
  'many stages, each copying from the one before': {
    base: 250,
    make: (n) => Array.from({ length: n }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /a\nRUN echo ${i}\n`).join(''),
  },
  'a chain of stages, each built FROM the one before': {
    base: 250,
    make: (n) => 'FROM alpine:3.20 AS s0\n' + Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\nLABEL a${i}=b\nUSER ${i % 2 ? 'root' : '1000'}\nRUN echo ${i}\n`).join(''),
  },
  'many ignore pragmas': {
    base: 400,
    make: (n) => 'FROM alpine:3.20\n' + Array.from({ length: n }, (_, i) => `# hadolint ignore=DL3059,DL3018\n# eks-kit stage ignore=EK1002\nRUN apk add curl${i}\n`).join(''),
  },
  'one long ENV whose values refer to each other': {
    base: 2000,
    make: (n) => 'FROM alpine:3.20\nENV ' + Array.from({ length: n }, (_, i) => `K${i}=v\${K${Math.max(0, i - 1)}}`).join(' ') + '\nRUN echo "$K0"\n',
  },
  'one long RUN with an unpinned install list': {
    base: 1500,
    make: (n) => 'FROM debian:12\nRUN apt-get update && apt-get install -y ' + Array.from({ length: n }, (_, i) => `pkg${i}`).join(' \\\n  ') + '\n',
  },
  // UndefinedVar: names defined in every stage, and a miss in every stage of a long lineage.
  'a chain of stages, each defining an ARG and using a name not yet defined': {
    base: 250,
    make: (n) => 'FROM alpine:3.20 AS s0\n' + Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\nWORKDIR /w/$V/$low${i}\nARG V=${i}\nARG A${i}\n`).join(''),
  },
  'many stages using an ARG before each defines it': {
    base: 250,
    make: (n) => Array.from({ length: n }, (_, i) => `FROM alpine:3.20 AS s${i}\nWORKDIR /w/$VERSION\nARG VERSION=${i}\n`).join(''),
  },
  'many instructions of every kind': {
    base: 1200,
    make: (n) =>
      'FROM alpine:3.20\n' +
      Array.from({ length: n }, (_, i) => [`ENV A${i}=1`, `LABEL l${i}=x`, `COPY a${i} /b/`, `RUN echo ${i} && apk add x${i}`, `EXPOSE ${1000 + (i % 1000)}`, `WORKDIR /w${i}`, `ARG B${i}`][i % 7]).join('\n') +
      '\n',
  },
};
