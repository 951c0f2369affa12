import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{ConfigError,configFromSettings}from"./chunk-O3KRDRKB.js";import"./chunk-OVZGIPYW.js";import{require_dist}from"./chunk-B244OBDU.js";import"./chunk-3UBBQYB5.js";import{__toESM}from"./chunk-G7FIL6UD.js";var import_yaml=__toESM(require_dist(),1);function parseConfig(text,source){let raw;try{raw=(0,import_yaml.parse)(text)}catch(error){throw new ConfigError(source,"(file)",`is not valid YAML: ${error.message.split(`
`)[0]}`)}return configFromSettings(raw,source)}export{parseConfig};
//# sourceMappingURL=config-file-A3XSAOGO.js.map
