import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useEffect, useState } from 'react';

/**
 * A search input with a search button. Unlike antd's Input.Search, a `data-testid` lands on the
 * <input> itself, so browser tests can type into it directly.
 */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  size,
  buttonText,
  testId,
  style,
}: {
  /** The committed query (e.g. from the URL); the box follows it when it changes. */
  value?: string;
  onSearch: (q: string) => void;
  placeholder?: string;
  size?: 'large' | 'middle' | 'small';
  buttonText?: string;
  testId?: string;
  style?: React.CSSProperties;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Space.Compact style={{ width: '100%', ...style }}>
      <Input
        data-testid={testId}
        type="search"
        allowClear
        size={size}
        value={text}
        placeholder={placeholder}
        prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
        onChange={(e) => {
          setText(e.target.value);
          // Clearing with the ✕ button searches for everything again.
          if (e.type !== 'change' && e.target.value === '') onSearch('');
        }}
        onPressEnter={() => onSearch(text.trim())}
        aria-label={placeholder}
      />
      <Button
        type="primary"
        size={size}
        icon={buttonText ? undefined : <SearchOutlined />}
        onClick={() => onSearch(text.trim())}
        data-testid={testId ? `${testId}-button` : undefined}
        aria-label={placeholder}
      >
        {buttonText}
      </Button>
    </Space.Compact>
  );
}
