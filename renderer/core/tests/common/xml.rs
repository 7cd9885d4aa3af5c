//! A tiny XML reader, enough for the conformance cases: elements,
//! attributes in double quotes, text, comments, self-closing tags.

#[derive(Debug, Default, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#8203;", "\u{200B}")
        .replace("&amp;", "&")
}

/// Parses one document and returns its root element.
pub fn parse(src: &str) -> Result<Element, String> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut stack: Vec<Element> = vec![Element::default()];
    while i < b.len() {
        if b[i] == b'<' {
            if src[i..].starts_with("<!--") {
                let end = src[i..].find("-->").ok_or("unterminated comment")?;
                i += end + 3;
                continue;
            }
            if src[i..].starts_with("<?") || src[i..].starts_with("<!") {
                let end = src[i..].find('>').ok_or("unterminated declaration")?;
                i += end + 1;
                continue;
            }
            let end = i + src[i..].find('>').ok_or("unterminated tag")?;
            let tag = &src[i + 1..end];
            i = end + 1;
            if let Some(name) = tag.strip_prefix('/') {
                let el = stack.pop().ok_or("unbalanced close tag")?;
                if el.name != name.trim() {
                    return Err(format!("expected </{}>, found </{}>", el.name, name));
                }
                stack
                    .last_mut()
                    .ok_or("unbalanced close tag")?
                    .children
                    .push(el);
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let mut el = Element::default();
            let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            el.name = tag[..name_end].to_string();
            let mut rest = &tag[name_end..];
            loop {
                rest = rest.trim_start();
                if rest.is_empty() {
                    break;
                }
                let eq = rest
                    .find('=')
                    .ok_or_else(|| format!("bad attribute in <{}>", el.name))?;
                let key = rest[..eq].trim().to_string();
                let after = rest[eq + 1..].trim_start();
                let quote = after.chars().next().ok_or("missing attribute value")?;
                if quote != '"' && quote != '\'' {
                    return Err(format!("unquoted attribute {} in <{}>", key, el.name));
                }
                let close = after[1..]
                    .find(quote)
                    .ok_or("unterminated attribute value")?;
                el.attrs.push((key, unescape(&after[1..1 + close])));
                rest = &after[close + 2..];
            }
            if self_closing {
                stack.last_mut().ok_or("no parent")?.children.push(el);
            } else {
                stack.push(el);
            }
        } else {
            let end = src[i..].find('<').map(|e| i + e).unwrap_or(b.len());
            if let Some(top) = stack.last_mut() {
                top.text.push_str(&unescape(&src[i..end]));
            }
            i = end;
        }
    }
    if stack.len() != 1 {
        return Err("unclosed elements at end of document".to_string());
    }
    let mut doc = stack.pop().ok_or("empty document")?;
    doc.children
        .pop()
        .ok_or_else(|| "no root element".to_string())
}
