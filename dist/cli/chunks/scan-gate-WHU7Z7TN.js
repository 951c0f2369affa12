import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{DEFAULT_FAIL_ON,createEcrClient,formatSarif,formatTextReport,imageFromInputs,loadAllowlist,parseAcceptStatuses,parseFailOn,parseMinCvss,parseRegistryId,parseThresholds,runScanGate,waitOptions}from"./chunk-TWCZRB7L.js";import"./chunk-3AMNCPMP.js";import{EXIT}from"./chunk-QTLAGTJL.js";import{InputError,systemClock}from"./chunk-NSZENC4D.js";import"./chunk-HMZCSOJZ.js";import"./chunk-FH6U5SQH.js";import"./chunk-DARYMX3M.js";import{mkdirSync,writeFileSync}from"node:fs";import path from"node:path";import{parseArgs}from"node:util";var SCAN_GATE_HELP=`Usage: eks-kit scan-gate [options] <image>

Waits for the Amazon ECR scan of an image (basic or enhanced) and passes or fails it on a policy.
<image> is repository@sha256:\u2026, repository:tag, or <account>.dkr.ecr.<region>.amazonaws.com/repository:tag
(or use --repository with --tag or --digest). AWS credentials and region come from the usual
AWS environment (AWS_PROFILE, AWS_REGION, \u2026).

Policy:
      --fail-on <severity>          fail on any counted finding at or above it: critical, high,
                                    medium, low, informational, undefined, none (default: high)
      --thresholds <spec>           most findings per severity, e.g. "critical: 0, high: 5"
      --allowlist <file>            YAML of accepted CVEs (id, reason, expires YYYY-MM-DD, package)
      --min-cvss <score>            findings scored below this do not count
      --fixable-only                count only findings with a fix available
      --accept-scan-status <list>   statuses that pass with a warning (FAILED, UNSUPPORTED_IMAGE, \u2026)
Image:
      --repository <name>  --tag <tag>  --digest <sha256:\u2026>  --registry-id <account>  --region <region>
Waiting:
      --timeout <seconds>           overall limit (default 600)
      --poll-interval <seconds>     longest pause between status reads (default 10)
      --no-start-scan               never start a scan when the image has none
Output:
  -f, --format <format>             text | json (default: text)
      --sarif <file>                also write SARIF 2.1.0 with the counted findings
      --dockerfile <path>           file the SARIF results point at (default: Dockerfile)
  -h, --help                        this help

Exit codes: 0 pass, 1 the policy failed (or the scan could not be judged), 2 bad usage or input,
3 unexpected error.
`,scanGateCommand=async(argv,io)=>{let{values,positionals}=parseArgs({args:argv,allowPositionals:!0,options:{repository:{type:"string"},tag:{type:"string"},digest:{type:"string"},"registry-id":{type:"string"},region:{type:"string"},"fail-on":{type:"string"},thresholds:{type:"string"},allowlist:{type:"string"},"min-cvss":{type:"string"},"fixable-only":{type:"boolean",default:!1},"accept-scan-status":{type:"string"},timeout:{type:"string"},"poll-interval":{type:"string"},"no-start-scan":{type:"boolean",default:!1},format:{type:"string",short:"f",default:"text"},sarif:{type:"string"},dockerfile:{type:"string",default:"Dockerfile"},help:{type:"boolean",short:"h",default:!1}}});if(values.help)return io.stdout(SCAN_GATE_HELP),EXIT.ok;if(positionals.length>1)throw new InputError("<image>",`one image at a time; got ${positionals.length}`);let format=values.format??"text";if(format!=="text"&&format!=="json")throw new InputError("--format",`"${format}" is not a format; expected text or json`);let reference=imageFromInputs({image:positionals[0],repository:values.repository,tag:values.tag,digest:values.digest},{image:"<image>",repository:"--repository",tag:"--tag",digest:"--digest"});values["registry-id"]&&(reference.registryId=parseRegistryId(values["registry-id"],"--registry-id"));let region=reference.region??values.region??io.env.AWS_REGION??io.env.AWS_DEFAULT_REGION;if(!region)throw new InputError("--region","no AWS region: give a full ECR image URI, --region, or set AWS_REGION");let policy={thresholds:parseThresholds(values.thresholds??"","--thresholds"),failOn:values["fail-on"]===void 0?DEFAULT_FAIL_ON:parseFailOn(values["fail-on"],"--fail-on"),...values["min-cvss"]===void 0?{}:{minCvss:parseMinCvss(values["min-cvss"],"--min-cvss")},fixableOnly:values["fixable-only"]??!1,allowlist:values.allowlist?loadAllowlist(values.allowlist,io.cwd,"--allowlist"):[],acceptStatuses:parseAcceptStatuses((values["accept-scan-status"]??"").split(",").filter(s=>s.trim()),"--accept-scan-status")},timeoutMs=seconds(values.timeout,"--timeout",600,6*3600)*1e3,pollMaxMs=seconds(values["poll-interval"],"--poll-interval",10,300)*1e3,client=createEcrClient(region),result;try{result=await runScanGate({client,clock:systemClock,logger:io.logger,reference,policy,wait:waitOptions(pollMaxMs,!values["no-start-scan"]),timeoutMs})}finally{client.destroy()}if(values.sarif){let file=path.resolve(io.cwd,values.sarif);mkdirSync(path.dirname(file),{recursive:!0}),writeFileSync(file,formatSarif(result,{version:"1.0.0",artifactPath:values.dockerfile??"Dockerfile",informationUri:"https://github.com/org/eks-kit"}))}return io.stdout(format==="json"?`${JSON.stringify(jsonReport(result),null,2)}
`:formatTextReport(result)),result.pass?EXIT.ok:EXIT.policy};function seconds(value,flag,fallback,max){if(value===void 0)return fallback;if(!/^\d+$/.test(value)||Number(value)<1||Number(value)>max)throw new InputError(flag,`"${value}" is not a number of seconds from 1 to ${max}`);return Number(value)}function jsonReport(result){return{verdict:result.pass?"pass":"fail",image:{...result.reference,digest:result.resolved.digest,multiArch:result.resolved.multiArch},counts:result.counts,findings:result.totalFindings,platforms:result.platforms.map(p=>({platform:p.image.platform??null,digest:p.image.digest,status:p.outcome.status,pass:p.pass,reason:p.reason,counted:p.verdict?.counted??[],ignored:(p.verdict?.ignored??[]).map(i=>({id:i.finding.id,package:i.finding.packageName,reason:i.reason,...i.entry?{allowlist:i.entry.source}:{}}))})),allowlist:{expired:result.allowlist.expired.map(e=>({id:e.id,expires:e.expires,source:e.source})),stale:result.allowlist.stale.map(e=>({id:e.id,source:e.source}))},apiCalls:result.apiCalls}}export{SCAN_GATE_HELP,scanGateCommand};
