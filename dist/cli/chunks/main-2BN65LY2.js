#!/usr/bin/env node
import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{persistCodeCaches,sourceMappedStack}from"./chunk-TE4GCLHI.js";import{EXIT}from"./chunk-RMLDNO5K.js";import{InputError,KIT_USER_AGENT_ID,KIT_VERSION,StreamLogger,describeError}from"./chunk-YL3MFSGT.js";import"./chunk-G7FIL6UD.js";var COMMANDS={lint:{summary:"Lint Dockerfiles (hadolint-compatible + cache/layer rules)",load:async()=>(await import("./lint-X32VNKMU.js")).lintCommand},"build-push":{summary:"Build an image and push it to Amazon ECR, tagged from git",load:async()=>(await import("./build-push-PBK5AXUC.js")).buildPushCommand},"scan-gate":{summary:"Wait for the ECR image scan and pass or fail it on a severity policy",load:async()=>(await import("./scan-gate-W7NRFAMS.js")).scanGateCommand},deploy:{summary:"Apply manifests to EKS, verify the rollout, explain and roll back failures",load:async()=>(await import("./deploy-7QZJFLNN.js")).deployCommand},"version-drift":{summary:"EKS clusters vs the support calendar, skew, add-ons, removed APIs",load:async()=>(await import("./version-drift-KLKIZ3BO.js")).versionDriftCommand}};function usage(){return`Usage: eks-kit <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name,c])=>`  ${name.padEnd(16)}${c.summary}`).join(`
`)}

Run "eks-kit <command> --help" for a command's options.
`}async function main(argv,io2){let[name,...rest]=argv;if(!name||name==="-h"||name==="--help"||name==="help")return io2.stdout(usage()),name?EXIT.ok:EXIT.usage;if(name==="-v"||name==="--version")return io2.stdout(`${KIT_VERSION}
`),EXIT.ok;let command=COMMANDS[name];if(!command)return io2.logger.error(`unknown command "${name}"

${usage()}`),EXIT.usage;try{let code=await(await command.load())(rest,io2);return(code===EXIT.ok||code===EXIT.policy)&&!rest.some(arg=>arg==="--help"||arg==="-h")&&persistCodeCaches(),code}catch(error){if(isParseArgsError(error))return io2.logger.error(`${error.message}
Run "eks-kit ${name} --help" for usage.`),EXIT.usage;let{message,expected}=describeError(error);return io2.logger.error(expected?message:`unexpected error (please report it): ${sourceMappedStack(message)}`),error instanceof InputError?EXIT.usage:expected?EXIT.policy:EXIT.internal}}function isParseArgsError(error){let code=error?.code??"";return typeof code=="string"&&code.startsWith("ERR_PARSE_ARGS")}process.env.AWS_SDK_UA_APP_ID??=KIT_USER_AGENT_ID;var io={stdout:text=>process.stdout.write(text),logger:new StreamLogger(text=>process.stderr.write(text)),cwd:process.cwd(),env:process.env,isTTY:process.stdout.isTTY===!0};process.exitCode=await main(process.argv.slice(2),io);export{main};
//# sourceMappingURL=main-2BN65LY2.js.map
