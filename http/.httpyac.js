// httpyac settings for the MiniOAuth .http files.
//
// The .http files are written in VS Code REST Client syntax so that one file serves both tools.
// httpyac does not speak two parts of that syntax on its own; the two hooks below teach it:
//
//  1. Request variables: {{login.response.body.$.sub}}, {{token.response.headers.ETag}},
//     {{login.request.body.$.username}} (a `# @name login` request, then .request|.response,
//     then .body with a JSONPath or `*`, or .headers with a header name).
//  2. Assertions written as comments, `# ?? status == 200`: REST Client skips every `#` line,
//     httpyac runs them as its own `?? …` assertions, so `httpyac send --all` fails on a wrong status.
//
// Everything else (`@name = value` file variables, `# @name`, `{{$dotenv NAME}}`, cookies) is
// already common to both tools.

// REST Client: ^(\w+)(?:\.(request|response)(?:\.(body|headers)(?:\.(.*))?)?)?$
const requestVariable = /\{\{\s*(\w+)\.(request|response)\.(body|headers)(?:\.(.*?))?\s*\}\}/g;
const commentAssertion = /^\s*(?:#|\/\/)\s*(\?\?.*)$/;

module.exports = {
  cookieJarEnabled: true,
  request: { timeout: 30000 },
  configureHooks(api) {
    api.hooks.replaceVariable.addHook(
      'restClientRequestVariable',
      (value, _type, context) => (typeof value === 'string'
        ? value.replace(requestVariable, (_all, name, entity, part, path) =>
          resolveRequestVariable(context.variables, name, entity, part, path))
        : value),
      // First in line, ahead of httpyac's own {{…}} handling, which would fail on this form.
      { before: [api.hooks.replaceVariable.items[0].id] });

    api.hooks.parse.addHook(
      'restClientCommentAssertion',
      (getLineReader, context) => {
        const first = getLineReader().next();
        const match = first.done ? null : commentAssertion.exec(first.value.textLine);
        if (!match) {
          return false;
        }
        const assertParser = api.hooks.parse.items.find(item => item.id === 'assert');
        const assertion = { textLine: match[1], line: first.value.line };
        const result = assertParser.action(function* () { yield assertion; }, context);
        return Promise.resolve(result).then(parsed => {
          if (!parsed) {
            // A typo must not turn an assertion into a silent comment.
            throw new Error(`${context.httpFile.fileName}:${first.value.line + 1}: not an httpyac assertion: ${first.value.textLine.trim()}`);
          }
          return parsed;
        });
      },
      // First in line, ahead of httpyac's comment parser, which would swallow the line.
      { before: [api.hooks.parse.items[0].id] });
  },
};

function resolveRequestVariable(variables, name, entity, part, path) {
  const response = variables[`${name}Response`];
  if (!response) {
    throw new Error(`{{${name}.${entity}…}}: the request named ${name} has not been sent yet (it needs "# @name ${name}" above it)`);
  }
  const message = entity === 'request' ? response.request : response;
  const where = `{{${name}.${entity}.${part}${path ? `.${path}` : ''}}}`;
  if (part === 'headers') {
    const header = Object.entries(message?.headers ?? {})
      .find(([key]) => key.toLowerCase() === String(path ?? '').toLowerCase());
    if (!header) {
      throw new Error(`${where}: no such header`);
    }
    return Array.isArray(header[1]) ? header[1].join(', ') : String(header[1]);
  }
  const body = typeof message?.body === 'string' ? message.body : message?.body?.toString?.();
  if (!path || path === '*') {
    return body ?? '';
  }
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`${where}: the body is not JSON`);
  }
  const value = jsonPath(json, path);
  if (value === undefined || value === null || value === '') {
    throw new Error(`${where}: nothing at that JSONPath in ${body.slice(0, 200)}`);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// The JSONPath subset that request variables use: $, .name, ['name'], ["name"], [index].
function jsonPath(json, path) {
  const steps = [];
  const token = /\.([^.[\]]+)|\[(\d+)\]|\[['"]([^'"]+)['"]\]/gy;
  const rest = path.startsWith('$') ? path.slice(1) : `.${path}`;
  token.lastIndex = 0;
  let match;
  while (token.lastIndex < rest.length && (match = token.exec(rest)) !== null) {
    steps.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]));
  }
  if (token.lastIndex !== rest.length && rest.length > 0) {
    throw new Error(`JSONPath ${path}: only $, .name, [index] and ['name'] are supported here`);
  }
  return steps.reduce((node, step) => (node === undefined || node === null ? undefined : node[step]), json);
}
