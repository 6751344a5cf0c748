/**
 * The interactive docs page. Its script and styles come from /docs-ui/, copied
 * from swagger-ui-dist at install time, so the page works with no internet.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Energy Edge API</title>
  <link rel="icon" type="image/png" href="/docs-ui/favicon-32x32.png">
  <link rel="stylesheet" href="/docs-ui/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs-ui/swagger-ui-bundle.js"></script>
  <script src="/docs-init.js"></script>
</body>
</html>
`;
