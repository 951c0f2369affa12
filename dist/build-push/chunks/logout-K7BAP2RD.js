import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{ProcessRunner}from"./chunk-ZVQQMDPZ.js";import"./chunk-FTQ6W4YH.js";import"./chunk-G7FIL6UD.js";async function engineLogout(runner,program,host,options={}){return(await runner.run(program,["logout",host],{...options,allowFailure:!0})).exitCode===0}function logout(login,env){return engineLogout(new ProcessRunner,login.program,login.host,{env})}export{logout};
//# sourceMappingURL=logout-K7BAP2RD.js.map
