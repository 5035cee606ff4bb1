import { Flex, Tag, Typography } from 'antd';

/** Free-text tags (hobbies, skills, labels); a dash when empty. */
export function TagList({ values, color }: { values: readonly string[]; color?: string }) {
  if (values.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {values.map((v) => (
        <Tag key={v} color={color} style={{ marginInlineEnd: 0 }}>
          {v}
        </Tag>
      ))}
    </Flex>
  );
}
