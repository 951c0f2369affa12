import { createRequire as __eksKitCreateRequire } from 'node:module';
const require = __eksKitCreateRequire(import.meta.url);
import{LOGOUT_STATE,parseSavedLogin}from"./chunk-4BAPZUIW.js";import{runAction}from"./chunk-YALOPZTE.js";import"./chunk-NHIZABON.js";import"./chunk-FTQ6W4YH.js";import"./chunk-G7FIL6UD.js";async function post(context){let login=parseSavedLogin(context.getState(LOGOUT_STATE));if(!login){context.logger.info("Nothing to log out of.");return}await(await import("./logout-K7BAP2RD.js")).logout(login,context.env)?context.logger.info(`Logged out of ${login.host} (${login.program}).`):context.logger.warning(`${login.program} logout ${login.host} failed; the credentials expire on their own within 12 hours.`)}await runAction(post);
//# sourceMappingURL=post-DHBTNR2D.js.map
